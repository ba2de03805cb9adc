#!/usr/bin/env node
// Committed launcher, so package managers can link the bin before the first build.
import "../dist/cli.js";
