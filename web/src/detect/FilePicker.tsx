/** Choosing event files: a drop zone that is also a file input (keyboard and screen readers use the input). */
import { useId, useState, type DragEvent } from 'react';
import { formatBytes } from './read-files';

interface Props {
  files: readonly File[];
  onAdd: (files: File[]) => void;
  onRemove: (name: string) => void;
  disabled: boolean;
}

export function FilePicker({ files, onAdd, onRemove, disabled }: Props) {
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
        data-testid="drop-zone"
      >
        <strong>Drop event files here</strong>
        <span className="muted">or click to choose them</span>
        <span className="faint small">
          JSON lines (.jsonl, .ndjson, .log), JSON (.json: an array or one object after another), gzip (.gz)
        </span>
      </label>
      <input
        id={id}
        type="file"
        multiple
        className="visually-hidden"
        aria-label="Choose event files"
        disabled={disabled}
        onChange={(event) => {
          onAdd([...(event.target.files ?? [])]);
          event.target.value = ''; // choosing the same file again still counts
        }}
      />
      {files.length > 0 && (
        <ul className="plain-list file-list" aria-label="Chosen files">
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
