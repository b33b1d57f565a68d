/**
 * The hunt page: upload event files (and, optionally, indicator files: STIX, MISP, CSV), sweep them with the
 * server's loaded rules, correlations and indicator sets (nothing is recorded), and see the detections, the
 * summary per rule and the skipped lines; beside it, the status of the rule set and indicator sets.
 */
import { useState, type FormEvent } from 'react';
import { runHunt } from '../api/endpoints';
import type { HuntAnswer } from '../api/detect-schemas';
import { useSubmit } from '../api/use-submit';
import { ErrorNotice } from '../ui/Status';
import { HuntResults } from './HuntResults';
import { FilePicker } from './FilePicker';
import { addFiles, readHuntFile } from './read-files';
import { RuleSetStatus } from './RuleSetStatus';

interface Chosen {
  events: readonly File[];
  indicators: readonly File[];
}

export function HuntPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [iocFiles, setIocFiles] = useState<File[]>([]);
  const [result, setResult] = useState<{ answer: HuntAnswer; files: number } | undefined>(undefined);
  const [runs, setRuns] = useState(0);
  const hunt = useSubmit(async (chosen: Chosen) => {
    const [read, indicators] = await Promise.all([
      Promise.all(chosen.events.map(readHuntFile)),
      Promise.all(chosen.indicators.map(readHuntFile)),
    ]);
    try {
      setResult({ answer: await runHunt(read, indicators), files: read.length });
    } finally {
      setRuns((n) => n + 1);
    }
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (files.length > 0) void hunt.run({ events: files, indicators: iocFiles });
  };
  const clear = () => {
    setFiles([]);
    setIocFiles([]);
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Hunt</h1>
        <span className="muted">
          Sweep collected event files with the server’s rules and indicators. Nothing is recorded.
        </span>
      </div>
      <div className="hunt-grid">
        <section className="panel" aria-labelledby="files-title">
          <div className="panel-head">
            <h2 id="files-title">Event files</h2>
          </div>
          <form className="panel-body form-grid" onSubmit={onSubmit} aria-label="Hunt in files">
            <FilePicker
              files={files}
              onAdd={(added) => setFiles((current) => addFiles(current, added))}
              onRemove={(name) => setFiles((current) => current.filter((f) => f.name !== name))}
              disabled={hunt.pending}
            />
            <FilePicker
              kind="indicators"
              files={iocFiles}
              onAdd={(added) => setIocFiles((current) => addFiles(current, added))}
              onRemove={(name) => setIocFiles((current) => current.filter((f) => f.name !== name))}
              disabled={hunt.pending}
            />
            {hunt.error !== undefined && <ErrorNotice error={hunt.error} action="The hunt did not run" />}
            <div className="form-actions">
              {files.length + iocFiles.length > 0 && (
                <button type="button" className="btn btn-ghost" onClick={clear} disabled={hunt.pending}>
                  Clear
                </button>
              )}
              <button type="submit" className="btn btn-primary" disabled={files.length === 0 || hunt.pending}>
                {hunt.pending ? 'Hunting…' : 'Run hunt'}
              </button>
            </div>
          </form>
        </section>
        <RuleSetStatus runs={runs} />
      </div>
      {result && <HuntResults result={result.answer} files={result.files} />}
    </div>
  );
}
