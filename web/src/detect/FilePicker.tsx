/**
 * Choosing files (event files, or indicator files for the hunt): a drop zone that is also a file input
 * (keyboard and screen readers use the input).
 */
import { useId, useState, type DragEvent } from 'react';
import { formatBytes } from './read-files';

const TEXT = {
  events: {
    drop: 'Drop event files here',
    formats: 'JSON lines (.jsonl, .ndjson, .log), JSON (.json: an array or one object after another), gzip (.gz)',
    input: 'Choose event files',
    list: 'Chosen files',
    testId: 'drop-zone',
  },
  indicators: {
    drop: 'Drop indicator files here (optional)',
    formats: 'STIX 2.1 bundles and MISP events (.json), CSV or plain lists (.csv, .txt), gzip (.gz)',
    input: 'Choose indicator files',
    list: 'Chosen indicator files',
    testId: 'ioc-drop-zone',
  },
} as const;

interface Props {
  files: readonly File[];
  onAdd: (files: File[]) => void;
  onRemove: (name: string) => void;
  disabled: boolean;
  /** What the files are: event files (default) or indicator files. */
  kind?: keyof typeof TEXT;
}

export function FilePicker({ files, onAdd, onRemove, disabled, kind = 'events' }: Props) {
  const text = TEXT[kind];
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) onAdd([...event.dataTransfer.files]);
  };
  return (
    <div className="file-picker">
      <label
        htmlFor={id}
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid={text.testId}
      >
        <strong>{text.drop}</strong>
        <span className="muted">or click to choose them</span>
        <span className="faint small">{text.formats}</span>
      </label>
      <input
        id={id}
        type="file"
        multiple
        className="visually-hidden"
        aria-label={text.input}
        disabled={disabled}
        onChange={(event) => {
          onAdd([...(event.target.files ?? [])]);
          event.target.value = ''; // choosing the same file again still counts
        }}
      />
      {files.length > 0 && (
        <ul className="plain-list file-list" aria-label={text.list}>
          {files.map((file) => (
            <li key={file.name} className="file-item">
              <span className="mono">{file.name}</span>
              <span className="faint">{formatBytes(file.size)}</span>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => onRemove(file.name)}
                disabled={disabled}
                aria-label={`Remove ${file.name}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
