// The secret rules by name, folder and content, and the opt-in globs.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedSecrets, hasPrivateKeyBlock, isSecretDir, isSecretFileName } from '../../src/core/scan/secrets';

test('credential and key file names are secret; examples of env files are not', () => {
  for (const n of ['.env', '.env.production', '.env.local', 'prod.env', 'server.pem', 'tls.key', 'cert.p12', 'a.pfx', 'app.keystore',
    'id_rsa', 'id_rsa.pub', 'id_ed25519', 'id_ecdsa', '.npmrc', '.pypirc', '.netrc', 'credentials.json', 'credentials-prod.json',
    'secrets.yaml', 'secrets.json', 'my-service-account-key.json', '.git-credentials', '.htpasswd']) {
    assert.ok(isSecretFileName(n), n);
  }
  for (const n of ['.env.example', '.env.sample', '.env.template', 'environment.ts', 'keys.ts', 'secretary.py', 'README.md', 'monkey.js']) {
    assert.ok(!isSecretFileName(n), n);
  }
  for (const d of ['.ssh', '.aws', '.gnupg']) assert.ok(isSecretDir(d), d);
  assert.ok(!isSecretDir('src'));
});

test('private-key blocks are found in any text; public keys and certificates are not', () => {
  assert.ok(hasPrivateKeyBlock('x\n-----BEGIN RSA PRIVATE KEY-----\nabc'));
  assert.ok(hasPrivateKeyBlock('-----BEGIN OPENSSH PRIVATE KEY-----'));
  assert.ok(hasPrivateKeyBlock('"private_key": "-----BEGIN PRIVATE KEY-----\\nMII'));
  assert.ok(hasPrivateKeyBlock('-----BEGIN PGP PRIVATE KEY BLOCK-----'));
  assert.ok(!hasPrivateKeyBlock('-----BEGIN CERTIFICATE-----'));
  assert.ok(!hasPrivateKeyBlock('-----BEGIN PUBLIC KEY-----'));
});

test('opt-in globs: a name anywhere, or a path and everything below it', () => {
  const allow = allowedSecrets(['.env.test', 'fixtures/keys'])!;
  assert.ok(allow('.env.test') && allow('pkg/.env.test'));
  assert.ok(allow('fixtures/keys/test.pem'));
  assert.ok(!allow('.env') && !allow('other/test.pem'));
  assert.equal(allowedSecrets([]), null);
});
