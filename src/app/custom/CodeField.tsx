/**
 * A CodeMirror 6 editor for a custom layer's code. JavaScript gets highlighting and inline
 * syntax errors from the parser's error nodes — the code is parsed, never run, here.
 */
import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { ensureSyntaxTree } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';

/** Syntax errors of a JavaScript function body, from the Lezer parse tree. */
export function jsSyntaxDiagnostics(state: EditorState): Diagnostic[] {
  const tree = ensureSyntaxTree(state, state.doc.length, 500);
  if (!tree) return [];
  const out: Diagnostic[] = [];
  tree.iterate({
    enter(n) {
      if (!n.type.isError) return;
      const from = Math.min(n.from, Math.max(0, state.doc.length - 1));
      out.push({ from, to: Math.max(n.to, from + 1), severity: 'error', message: `syntax error at line ${state.doc.lineAt(from).number}` });
    },
  });
  return out;
}

export function CodeField(props: { value: string; onChange(v: string): void; language: 'javascript' | 'python'; label: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    const extensions = [
      basicSetup,
      EditorView.updateListener.of((u) => u.docChanged && onChange.current(u.state.doc.toString())),
      EditorView.contentAttributes.of({ 'aria-label': props.label }),
      ...(props.language === 'javascript' ? [javascript(), lintGutter(), linter((v) => jsSyntaxDiagnostics(v.state), { delay: 300 })] : []),
    ];
    view.current = new EditorView({ parent: host.current!, state: EditorState.create({ doc: props.value, extensions }) });
    return () => view.current?.destroy();
    // The editor owns its text after mount; outside changes arrive through the effect below.
  }, [props.language]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
  }, [props.value]);

  return <div className="cl-code" ref={host} data-testid={props.testId} />;
}
