import forge from 'node-forge';
console.log(forge.pki.rsa.generateKeyPair, forge.pss, forge.mgf, forge.md.sha384);
