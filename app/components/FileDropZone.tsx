import { useState, type ReactNode } from 'react';

export type FileDropZoneProps = {
  /** The file input's id, for its label. */
  readonly inputId: string;
  readonly testId: string;
  readonly help: ReactNode;
  readonly chooseLabel: string;
  readonly accept?: string;
  /** The file dropped or chosen (the first one). */
  readonly onFile: (file: File) => void;
};

/** A zone a file can be dropped on, with a file input beside it for keyboard and screen-reader users. */
export function FileDropZone({ inputId, testId, help, chooseLabel, accept, onFile }: FileDropZoneProps) {
  const [over, setOver] = useState(false);
  const take = (file: File | undefined) => {
    if (file) onFile(file);
  };
  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      data-testid={testId}
      onDragOver={(e) => (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer.files[0]);
      }}
    >
      <p>{help}</p>
      <label htmlFor={inputId}>{chooseLabel}</label> <input id={inputId} type="file" accept={accept} onChange={(e) => take(e.target.files?.[0])} />
    </div>
  );
}
