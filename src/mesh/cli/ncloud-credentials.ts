import { resolvePath, type CommandIo } from './io';

/** The API key ncp-iam-authenticator signs its NCP API calls with. */
export interface NcloudCredentials {
  accessKey: string;
  secretKey: string;
  apiUrl: string;
}

/**
 * Where ncp-iam-authenticator finds API keys, in its order: the environment (access key, secret key and the API
 * gateway URL, all three), else the `--profile` section (`[DEFAULT]` without one) of `--credentialConfig`
 * (`~/.ncloud/configure`), which needs the same three values. A real terminal would then prompt for them; ours
 * has no one to answer, so a missing key is a failure, as it is for the tool with stdin closed.
 */
export async function findCredentials(
  io: CommandIo,
  options: { credentialConfig: string | undefined; profile: string | undefined },
): Promise<NcloudCredentials | undefined> {
  const env = (name: string) => io.env[name] ?? '';
  const fromEnv = {
    accessKey: env('NCLOUD_ACCESS_KEY_ID') || env('NCLOUD_ACCESS_KEY'),
    secretKey: env('NCLOUD_SECRET_ACCESS_KEY') || env('NCLOUD_SECRET_KEY'),
    apiUrl: env('NCLOUD_API_GW'),
  };
  if (complete(fromEnv)) return fromEnv;
  const path = resolvePath(io.cwd, options.credentialConfig ?? defaultCredentialConfig(io.env));
  if (!(await io.fs.exists(path))) return undefined;
  const section = iniSection(await io.fs.readFile(path), options.profile || 'DEFAULT');
  const fromFile = {
    accessKey: section['ncloud_access_key_id'] ?? '',
    secretKey: section['ncloud_secret_access_key'] ?? '',
    apiUrl: section['ncloud_api_url'] ?? '',
  };
  return complete(fromFile) ? fromFile : undefined;
}

export function defaultCredentialConfig(env: Readonly<Record<string, string>>): string {
  return `${env['HOME'] ?? '/home/user'}/.ncloud/configure`;
}

function complete(credentials: NcloudCredentials): boolean {
  return credentials.accessKey !== '' && credentials.secretKey !== '' && credentials.apiUrl !== '';
}

/** The keys of one `[section]` of an INI file; keys before any header belong to DEFAULT, as in go-ini. */
function iniSection(text: string, name: string): Record<string, string> {
  const keys: Record<string, string> = {};
  let current = 'DEFAULT';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      current = header[1]!.trim();
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (pair !== null && current === name) keys[pair[1]!] = pair[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return keys;
}
