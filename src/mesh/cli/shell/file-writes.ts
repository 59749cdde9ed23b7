/**
 * The shell's files live in just-bash's own filesystem, reachable only through the shell: these commands
 * write each file with a quoted heredoc (text verbatim, no expansion) whose delimiter the text does not
 * contain. MeshSession.writeFiles uses them: it is how the learner's files reach a running shell (the sandbox
 * Worker, the Node shell a WebContainer runs).
 */
export function fileWriteCommands(files: Readonly<Record<string, string>>): string[] {
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  return Object.entries(files).map(([path, content]) => {
    let tag = 'MESHDOJO_EOF';
    while (content.includes(tag)) tag += '_';
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const body = content.endsWith('\n') ? content : `${content}\n`;
    const mkdir = dir ? `mkdir -p ${quote(dir)} && ` : '';
    return `${mkdir}cat > ${quote(path)} <<'${tag}'\n${body}${tag}\n`;
  });
}
