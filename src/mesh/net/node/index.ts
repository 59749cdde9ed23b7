// Node-only: import this from Node entry points and tests, never from code that ships to the browser.
export { NodeNet, type NodeNetOptions } from './node-net';
export { NodeHost } from './node-host';
