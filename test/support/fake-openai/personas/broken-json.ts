/**
 * broken-json: sends tool-call arguments that are not JSON, calls a tool that does not exist,
 * and its answer breaks off mid-way once (a cut stream, or a cut body without streaming);
 * after godwit's answers it sends well-formed calls.
 */
import { call, cooperativeTurns, Persona, type Turn } from './base.js';

export class BrokenJson extends Persona {
  protected override plan(): Turn[] {
    const first = this.task.files[0]!.edits[0]!;
    const [readFirst, ...rest] = cooperativeTurns(this.task);
    return [
      [call('edit_file', `{"path": "${first.path}", "search": "${first.search.replace(/\n/g, '\\n')}", "replace": `)],
      [call('apply_patch', { patch: `*** ${first.path}\n- ${first.search}\n+ ${first.replace}` })],
      readFirst!,
      // The answer breaks off here (the client asks again); then the same turn arrives whole.
      { fault: { fault: 'truncated-stream' } },
      ...rest,
    ];
  }

  protected override next(request: Parameters<Persona['reply']>[0]) {
    const r = super.next(request);
    // Without streaming, a broken answer is a body cut mid-JSON.
    if ('fault' in r && r.fault === 'truncated-stream' && !request.body.stream) return { fault: 'invalid-body' as const };
    return r;
  }
}
