// Secrets are never indexed: well-known credential files and folders by name, and any file holding a private-key
// block by content. A user can opt a path back in (`allowSecrets` globs). A skipped file's bytes reach no index file.
import picomatch from 'picomatch';

/** Folders that hold credentials (the whole subtree is skipped). */
const SECRET_DIRS: ReadonlySet<string> = new Set(['.ssh', '.aws', '.gnupg', '.azure', '.kube', '.docker']);

/**
 * File names of credentials and keys. `.env.example`, `.env.sample` and `.env.template` are documentation of
 * the variables, not values: they stay.
 */
const SECRET_FILE_GLOBS = [
  '.env', '.env.*', '*.env',
  '*.pem', '*.key', '*.p12', '*.pfx', '*.keystore', '*.jks', '*.kdbx', '*.ovpn',
  'id_rsa*', 'id_dsa*', 'id_ecdsa*', 'id_ed25519*',
  '.npmrc', '.pypirc', '.netrc', '_netrc', '.pgpass', '.git-credentials', '.htpasswd',
  'credentials', 'credentials*.json', 'secrets.*', '*.secrets', '*service-account*.json', '*service_account*.json',
];
const NOT_SECRET = /^\.env\.(?:example|sample|template|dist|defaults)$|\.env\.example$/i;

const isSecretName = picomatch(SECRET_FILE_GLOBS, { dot: true, nocase: true });

/** A PEM/OpenSSH/PGP private-key block: `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN PGP PRIVATE KEY BLOCK-----`. */
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

export function isSecretDir(name: string): boolean {
  return SECRET_DIRS.has(name);
}

export function isSecretFileName(name: string): boolean {
  return isSecretName(name) && !NOT_SECRET.test(name);
}

export function hasPrivateKeyBlock(text: string): boolean {
  return PRIVATE_KEY_BLOCK.test(text);
}

/** Matcher of the user's opt-in globs (relative paths), or null when there are none. */
export function allowedSecrets(globs: readonly string[] | undefined): ((rel: string) => boolean) | null {
  const list = (globs ?? []).map((g) => g.trim().replace(/^\.\//, '')).filter(Boolean);
  if (list.length === 0) return null;
  const named = list.filter((g) => !g.includes('/'));
  const pathed = list.filter((g) => g.includes('/'));
  const byName = named.length ? picomatch(named, { dot: true }) : null;
  const byPath = pathed.length ? picomatch(pathed.flatMap((g) => [g, `${g.replace(/\/+$/, '')}/**`]), { dot: true }) : null;
  return (rel) => (byName !== null && rel.split('/').some((seg) => byName(seg))) || (byPath !== null && byPath(rel));
}
