// node-forge's parts by their own files: its index pulls in TLS, PKCS#12, ciphers… three times the code the
// fallback needs. The parts register themselves on the one forge object, which has the package's types.
declare module 'node-forge/lib/forge.js' {
  import forge from 'node-forge';
  export default forge;
}
declare module 'node-forge/lib/rsa.js';
declare module 'node-forge/lib/pss.js';
declare module 'node-forge/lib/mgf.js';
declare module 'node-forge/lib/sha1.js';
declare module 'node-forge/lib/sha256.js';
declare module 'node-forge/lib/sha512.js';
