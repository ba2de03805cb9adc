/** Bumped only when an existing event changes shape; new fields do not bump it. */
export const PROTOCOL_VERSION = 1;

/** socket.io path the hub listens on and the SDK connects to. */
export const SOCKET_PATH = '/ws/hot-reload';

/** Where the hub serves its browser scripts and the watched browser assets. */
export const CLIENT_SCRIPT_PATH = '/hothub/client.js';
export const CLIENT_MODULE_PATH = '/hothub/client.mjs';
export const ASSETS_PATH = '/assets';
