import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

import { labDownload } from '@site/src/lib/labEditor/download';
import { currentFiles, modifiedFiles } from '@site/src/lib/labEditor/drafts';
import { draftsStoreFor } from '@site/src/lib/labEditor/draftsStore';
import type { LabRun, LabRunner, RunState, StreamBatch } from '@site/src/lib/runner/types';

import CodeArea from './CodeArea';
import FileTabs, { panelId, tabId } from './FileTabs';
import type { Reveal } from './MonacoPane';
import RunControl from './RunControl';
import styles from './styles.module.css';

/**
 * A file of a lab, as the page imports it from `labs/` at build time. A read-only file is there
 * to be read (the shared rules an exercise refers to): it has a tab, but no edits, and Run sends
 * only the lab's own files, since the runner and EMR run the workshop package as shipped.
 */
export type LabFile = { name: string; code: string; readOnly?: boolean };

export type LabEditorProps = {
  /** The lab's id (its folder in `labs/`), e.g. "02-batch"; also the key of its saved edits. */
  labId: string;
  /** The lab's real files, in the order of the tabs. */
  files: LabFile[];
  /** Where Run sends the lab; without one there is no Run control. */
  runner?: LabRunner;
  onRunStart?: (state: RunState) => void;
  onRunFinished?: (state: RunState, run: LabRun) => void;
  /** The lab's run is a live stream: the Run control offers Stop and reports micro-batches. */
  live?: boolean;
  onStreamBatch?: (batch: StreamBatch) => void;
};

/**
 * A lab's files to read, edit and run: tabs, autosaved edits with a "modified" mark, Reset (with
 * Undo), Copy, Download, and the Run control. The editor itself (Monaco) loads on demand.
 */
export default function LabEditor(props: LabEditorProps): ReactNode {
  const { labId, files: allFiles, runner, onRunStart, onRunFinished, live, onStreamBatch } = props;
  const baseId = `lab-editor-${useId().replace(/[^\w-]/g, '')}`;
  const files = useMemo(() => allFiles.filter((file) => !file.readOnly), [allFiles]);
  const readOnly = useMemo(
    () =>
      Object.fromEntries(
        allFiles.filter((file) => file.readOnly).map((file) => [file.name, file.code]),
      ),
    [allFiles],
  );
  const store = draftsStoreFor(labId, files);
  const drafts = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
  const code = useMemo(() => ({ ...drafts.code, ...readOnly }), [drafts.code, readOnly]);
  const names = useMemo(() => allFiles.map((file) => file.name), [allFiles]);
  const modified = useMemo(() => modifiedFiles(drafts.code, files), [drafts.code, files]);
  const [chosen, setChosen] = useState(names[0] ?? '');
  const active = names.includes(chosen) ? chosen : (names[0] ?? '');
  // Bumped when the files are replaced from outside the editor (reset, undo): it remounts the
  // editor through its key, so Monaco starts from the new text instead of merging into it.
  const [generation, setGeneration] = useState(0);
  const [undo, setUndo] = useState<Readonly<Record<string, string>>>();
  const [notice, setNotice] = useState('');
  const [reveal, setReveal] = useState<Reveal>();

  // Edits wait a moment before they are saved: save them at once when the page goes away.
  useEffect(() => {
    const flush = () => store.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [store]);

  // Feedback (copied, downloaded) is read out by the live region, then cleared.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const onChange = useCallback(
    (name: string, code: string) => {
      store.setCode(name, code);
      setUndo(undefined); // Undo of a reset would now throw these new edits away.
    },
    [store],
  );

  const reset = () => {
    setUndo(store.getSnapshot().code);
    store.replaceAll(Object.fromEntries(files.map((file) => [file.name, file.code])));
    setGeneration((value) => value + 1);
    setReveal(undefined);
    setNotice('');
  };

  const undoReset = () => {
    if (!undo) return;
    store.replaceAll(undo);
    setUndo(undefined);
    setGeneration((value) => value + 1);
    setNotice('Your edits are back.');
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code[active] ?? '');
      setNotice(`Copied ${active} to the clipboard.`);
    } catch {
      setNotice('Copy did not work here: select the code and press Ctrl+C instead.');
    }
  };

  const download = () => {
    const { filename, type, bytes } = labDownload(labId, currentFiles(drafts.code, files));
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setNotice(`Downloaded ${filename}.`);
  };

  const showLine = useCallback((file: string, line: number, message: string) => {
    setChosen(file);
    setReveal((previous) => ({ file, line, message, nonce: (previous?.nonce ?? 0) + 1 }));
  }, []);

  const runFiles = useCallback(
    () =>
      Object.fromEntries(
        currentFiles(store.getSnapshot().code, files).map((file) => [file.name, file.code]),
      ),
    [store, files],
  );

  const onRunRequested = useCallback(() => {
    store.flush();
    setReveal(undefined);
  }, [store]);

  return (
    <section className={styles.editor} aria-label={`Lab ${labId}: code`}>
      <div className={styles.bar}>
        <FileTabs
          baseId={baseId}
          names={names}
          active={active}
          modified={modified}
          onSelect={setChosen}
        />
        <div className={styles.actions}>
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => void copy()}
          >
            Copy
          </button>
          <button type="button" className="button button--sm button--secondary" onClick={download}>
            Download
          </button>
          <button
            type="button"
            className="button button--sm button--secondary"
            disabled={modified.length === 0}
            onClick={reset}
          >
            Reset
          </button>
        </div>
      </div>

      {drafts.stale.length > 0 && (
        <p className={styles.note}>
          The lab’s {drafts.stale.join(', ')} changed since you edited it here. Your edits are kept;
          Reset gives you the new version.
        </p>
      )}
      <div className={styles.announce}>
        <span role="status">{undo ? 'The lab’s files are back to the original.' : notice}</span>
        {undo && (
          <button
            type="button"
            className="button button--sm button--outline button--primary"
            onClick={undoReset}
          >
            Undo reset
          </button>
        )}
      </div>

      <div
        role="tabpanel"
        id={panelId(baseId)}
        aria-labelledby={tabId(baseId, Math.max(0, names.indexOf(active)))}
        className={styles.panel}
      >
        <CodeArea
          labId={labId}
          generation={generation}
          code={code}
          active={active}
          readOnly={active in readOnly}
          reveal={reveal}
          onChange={onChange}
        />
      </div>

      {runner && (
        <RunControl
          runner={runner}
          labId={labId}
          fileNames={names}
          files={runFiles}
          onRunRequested={onRunRequested}
          onShowLine={showLine}
          onRunStart={onRunStart}
          onRunFinished={onRunFinished}
          live={live}
          onStreamBatch={onStreamBatch}
        />
      )}
    </section>
  );
}
