import forge from 'node-forge/lib/forge.js';
import 'node-forge/lib/rsa.js'; import 'node-forge/lib/pss.js'; import 'node-forge/lib/mgf.js'; import 'node-forge/lib/sha1.js'; import 'node-forge/lib/sha256.js'; import 'node-forge/lib/sha512.js';
console.log(forge.pki.rsa.generateKeyPair, forge.pss, forge.mgf, forge.md.sha384);
