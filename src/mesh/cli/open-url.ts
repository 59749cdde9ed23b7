/**
 * `xdg-open URL` (Linux) and `open URL` (macOS): what Istio's docs mean by "open the page in your browser".
 * The learner's browser here is the lab page's browser tab, which the UI event asks to load the URL; a file,
 * or anything that is not a web address, has nothing to open it, as on a laptop without a handler.
 */
import type { CommandRun } from './io';

const WEB_ADDRESS = /^https?:\/\/[^\s]+$/i;

export const xdgOpen: CommandRun = async ([target, ...rest], io, cluster) => {
  if (target === undefined) {
    io.stderr.write("xdg-open: file or URL argument missing\nTry 'xdg-open --help' for more information.\n");
    return 1;
  }
  if (rest.length > 0 || target.startsWith('-')) {
    io.stderr.write(
      `xdg-open: unexpected option '${rest[0] ?? target}'\nTry 'xdg-open --help' for more information.\n`,
    );
    return 1;
  }
  if (!WEB_ADDRESS.test(target)) {
    io.stderr.write(`xdg-open: no method available for opening '${target}'\n`);
    return 3;
  }
  cluster.emitUiEvent({ type: 'open-url', url: target });
  return 0;
};

export const macOpen: CommandRun = async ([target, ...rest], io, cluster) => {
  if (target === undefined || target.startsWith('-') || rest.length > 0) {
    io.stderr.write(
      'Usage: open [-e] [-t] [-f] [-W] [-R] [-n] [-g] [-h] [-s <partial SDK name>][-b <bundle identifier>] [-a <application>] [-u URL] [filenames] [--args arguments]\n',
    );
    return 1;
  }
  if (!WEB_ADDRESS.test(target)) {
    io.stderr.write(`The file ${target.startsWith('/') ? target : `${io.cwd}/${target}`} does not exist.\n`);
    return 1;
  }
  cluster.emitUiEvent({ type: 'open-url', url: target });
  return 0;
};
