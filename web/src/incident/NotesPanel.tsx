/** Notes: free text on the record, newest first. */
import { useState, type FormEvent } from 'react';
import { displayActor } from '../../../src/incident/timeline';
import type { AppendInput } from '../../../src/incident/input.schema';
import type { IncidentView } from '../api/schemas';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { TextArea } from '../ui/Field';
import { Empty, ErrorNotice } from '../ui/Status';
import { Stamp } from '../ui/Time';

export function NotesPanel({
  notes,
  append,
}: {
  notes: IncidentView['notes'];
  append: (entry: AppendInput) => Promise<void>;
}) {
  const { can } = useSession();
  const [text, setText] = useState('');
  const submit = useSubmit(async () => {
    await append({ type: 'note.added', payload: { text } });
    setText('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <section className="panel" aria-labelledby="notes-title">
      <div className="panel-head">
        <h2 id="notes-title">
          Notes<span className="count">{notes.length}</span>
        </h2>
      </div>
      <div className="panel-body">
        {can('incident:write') ? (
          <form className="form-grid add-form" onSubmit={onSubmit} aria-label="Add a note" noValidate>
            <TextArea
              label="New note"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="What was seen, decided or done"
              error={submit.fields['text']}
              rows={3}
            />
            {submit.unexplained(['text']) && <ErrorNotice error={submit.error} action="Note not added" />}
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={submit.pending}>
                {submit.pending ? 'Adding…' : 'Add note'}
              </button>
            </div>
          </form>
        ) : (
          <p className="faint">Your role may read notes but not add them.</p>
        )}
        {notes.length === 0 ? (
          <Empty>No notes yet.</Empty>
        ) : (
          <ul className="notes">
            {[...notes].reverse().map((note) => (
              <li key={note.seq} className="note">
                <div className="note-meta faint">
                  <Stamp at={note.at} /> · {displayActor(note.actor)}
                </div>
                <p className="note-text">{note.text}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
