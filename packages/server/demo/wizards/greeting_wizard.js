// A server-side wizard: save this file and `curl http://127.0.0.1:8888/wizards` shows a new version.
import { shout } from './helpers/shout.js';

export class GreetingWizard {
  run({ name = 'world' } = {}) {
    return shout(`hello, ${name}`);
  }
}
