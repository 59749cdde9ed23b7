/** What `-w` can print about one transfer. */
export interface TransferInfo {
  httpCode: number;
  timeTotalMs: number;
  timeConnectMs: number;
  timeStartTransferMs: number;
  sizeDownload: number;
  sizeHeader: number;
  urlEffective: string;
  remoteIp: string;
  remotePort: number;
  contentType: string | undefined;
  method: string;
  numRedirects: number;
  exitCode: number;
  errorMessage: string;
  headers: Readonly<Record<string, string>>;
}

/**
 * Expands curl's `--write-out` format: `%{variable}`, `%header{name}`, `%%`, and the backslash escapes
 * `\n`, `\t`, `\r`, `\\`. `%{stderr}` switches the rest of the output to stderr, `%{stdout}` back.
 */
export function expandWriteOut(format: string, info: TransferInfo): { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  let toStderr = false;
  const emit = (text: string): void => {
    if (toStderr) stderr += text;
    else stdout += text;
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\' && i + 1 < format.length) {
      const next = format[i + 1]!;
      const escaped = ({ n: '\n', t: '\t', r: '\r', '\\': '\\' } as Record<string, string>)[next];
      if (escaped !== undefined) {
        emit(escaped);
        i++;
        continue;
      }
    }
    if (ch === '%') {
      if (format[i + 1] === '%') {
        emit('%');
        i++;
        continue;
      }
      const variable = /^%\{([a-z_]+)\}/.exec(format.slice(i));
      if (variable !== null) {
        const name = variable[1]!;
        i += variable[0].length - 1;
        if (name === 'stderr') toStderr = true;
        else if (name === 'stdout') toStderr = false;
        else emit(valueOf(name, info));
        continue;
      }
      const header = /^%header\{([^}]+)\}/.exec(format.slice(i));
      if (header !== null) {
        emit(info.headers[header[1]!.toLowerCase()] ?? '');
        i += header[0].length - 1;
        continue;
      }
    }
    emit(ch);
  }
  return { stdout, stderr };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(6);
}

function valueOf(name: string, info: TransferInfo): string {
  switch (name) {
    case 'http_code':
    case 'response_code':
      return String(info.httpCode).padStart(3, '0');
    case 'time_total':
      return seconds(info.timeTotalMs);
    case 'time_connect':
    case 'time_appconnect':
    case 'time_pretransfer':
      return seconds(info.timeConnectMs);
    case 'time_namelookup':
      return seconds(0);
    case 'time_starttransfer':
      return seconds(info.timeStartTransferMs);
    case 'time_redirect':
      return seconds(0);
    case 'size_download':
      return String(info.sizeDownload);
    case 'size_header':
      return String(info.sizeHeader);
    case 'size_upload':
    case 'size_request':
      return '0';
    case 'url_effective':
    case 'url':
      return info.urlEffective;
    case 'remote_ip':
      return info.remoteIp;
    case 'remote_port':
      return info.remotePort === 0 ? '' : String(info.remotePort);
    case 'content_type':
      return info.contentType ?? '';
    case 'method':
      return info.method;
    case 'num_redirects':
      return String(info.numRedirects);
    case 'num_connects':
      return info.httpCode === 0 ? '0' : '1';
    case 'exitcode':
      return String(info.exitCode);
    case 'errormsg':
      return info.errorMessage;
    case 'http_version':
      return info.httpCode === 0 ? '0' : '1.1';
    case 'scheme':
      return 'http';
    case 'speed_download':
      return info.timeTotalMs > 0 ? String(Math.round(info.sizeDownload / (info.timeTotalMs / 1000))) : '0';
    default:
      return '';
  }
}
