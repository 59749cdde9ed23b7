import { describe, expect, it } from 'vitest';
import { functionDefinitions, singleProgram, streamsAsItGoes, unfinishedCommand, unsetFunctions } from './shell-words';

describe('unfinishedCommand', () => {
  it('lets a plain command run, a syntax error included (the shell reports it)', () => {
    for (const command of [
      'kubectl get pods',
      'echo "a b" \'c\'',
      'echo $((1 << 2))',
      'cat <<<word',
      "echo a # don't",
      'fi',
    ])
      expect(unfinishedCommand(command), command).toBeUndefined();
  });

  it('waits for a closing quote, also across lines', () => {
    expect(unfinishedCommand('echo "a')).toBe('quote');
    expect(unfinishedCommand("echo 'it")).toBe('quote');
    expect(unfinishedCommand('echo "a\nb"')).toBeUndefined();
    expect(unfinishedCommand('echo "a \\" b')).toBe('quote');
  });

  it('waits for the closing line of each here-document', () => {
    expect(unfinishedCommand('cat <<EOF')).toBe('heredoc');
    expect(unfinishedCommand('cat <<EOF\nkind: Service')).toBe('heredoc');
    expect(unfinishedCommand('cat <<EOF\nkind: Service\nEOF')).toBeUndefined();
    expect(unfinishedCommand("kubectl apply -f - <<'EOF'\na: \"$x\n EOF\nEOF")).toBeUndefined();
    expect(unfinishedCommand('cat <<-END | wc -l\n\tone\n\tEND')).toBeUndefined();
    expect(unfinishedCommand('cat <<A <<B\n1\nA\n2')).toBe('heredoc');
    expect(unfinishedCommand('cat <<A <<B\n1\nA\n2\nB\necho done')).toBeUndefined();
    // A quote inside a here-document's body opens nothing.
    expect(unfinishedCommand("cat <<EOF\nit's\nEOF")).toBeUndefined();
  });

  it('goes on after a trailing backslash, pipe, && or ||', () => {
    expect(unfinishedCommand('kubectl get pods \\')).toBe('backslash');
    expect(unfinishedCommand('kubectl get pods \\\n  -A')).toBeUndefined();
    expect(unfinishedCommand('kubectl get pods |')).toBe('operator');
    expect(unfinishedCommand('true &&  ')).toBe('operator');
    expect(unfinishedCommand('false || # a comment')).toBe('operator');
    expect(unfinishedCommand('sleep 1 &')).toBeUndefined();
  });

  it('waits for a compound command to close: a function, a loop, an if, a case', () => {
    expect(unfinishedCommand('greet() {')).toBe('compound');
    expect(unfinishedCommand('greet() {\n  echo "hello $1"')).toBe('compound');
    expect(unfinishedCommand('greet() {\n  echo "hello $1"\n}')).toBeUndefined();
    expect(unfinishedCommand('for i in 1 2; do')).toBe('compound');
    expect(unfinishedCommand('for i in 1 2; do\n  echo $i\ndone')).toBeUndefined();
    expect(unfinishedCommand('while true\ndo sleep 1; done')).toBeUndefined();
    expect(unfinishedCommand('if [ -f x ]; then')).toBe('compound');
    expect(unfinishedCommand('if [ -f x ]; then echo y; else echo n; fi')).toBeUndefined();
    expect(unfinishedCommand('case $x in\n  a) echo a;;')).toBe('compound');
    // Reserved words inside quotes, comments and here-document bodies do not count; braces in ${…} neither.
    expect(unfinishedCommand('echo "for if {" # while')).toBeUndefined();
    expect(unfinishedCommand('cat <<EOF\nif then do {\nEOF')).toBeUndefined();
    expect(unfinishedCommand('echo ${HOME} {a,b}')).toBeUndefined();
  });
});

describe('reading a line as the shell does', () => {
  it('finds the functions a line defines, whole, and no word inside quotes or heredocs', () => {
    expect(functionDefinitions('greet() {\n  echo "hello $1"\n}\ngreet mesh')).toEqual([
      { name: 'greet', source: 'greet() {\n  echo "hello $1"\n}' },
    ]);
    expect(functionDefinitions('function pods { kubectl get pods -n "$1" | grep "{ x }"; }; pods default')).toEqual([
      { name: 'pods', source: 'function pods { kubectl get pods -n "$1" | grep "{ x }"; }' },
    ]);
    expect(functionDefinitions('a() { if true; then { echo; }; fi; }; b() { echo b; }').map((f) => f.name)).toEqual([
      'a',
      'b',
    ]);
    expect(functionDefinitions('echo "f() { x; }"')).toEqual([]);
    expect(functionDefinitions('cat <<EOF\nf() { x; }\nEOF')).toEqual([]);
    expect(unsetFunctions('unset -f a b; echo x')).toEqual(['a', 'b']);
    expect(unsetFunctions('unset a')).toEqual([]);
  });

  it('says which program a line runs when it is one command alone', () => {
    expect(singleProgram('kubectl get pods -w')).toBe('kubectl');
    expect(singleProgram('  fortio load -t 30s "http://a b"')).toBe('fortio');
    for (const line of [
      'kubectl get pods | grep x',
      'kubectl get pods > out',
      'kubectl get pods; echo x',
      'kubectl exec "$(kubectl get pod -o name)" -- ls',
      'cat <<EOF\nx\nEOF',
      'X=1 kubectl get pods',
    ])
      expect(singleProgram(line), line).toBeUndefined();
  });

  it('says which lines stream: watches, follows, waits, fortio load', () => {
    for (const line of [
      'kubectl get pods -w',
      'kubectl get pods --watch -n foo',
      'kubectl logs -f deploy/httpbin',
      'kubectl -n foo logs --follow httpbin-1',
      'kubectl rollout status deployment/reviews-v1',
      'kubectl wait --for=condition=available deployment --all',
      'fortio load -c 2 -qps 0 -n 20 http://httpbin:8000/get',
    ])
      expect(streamsAsItGoes(line), line).toBe(true);
    for (const line of [
      'kubectl apply -f x.yaml',
      'kubectl get pods',
      'kubectl logs pod',
      'curl -s http://x',
      'fortio curl http://x',
    ])
      expect(streamsAsItGoes(line), line).toBe(false);
  });
});
