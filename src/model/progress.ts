/**
 * Told about long work as it goes: the stage (`load`, `jsonld`, `render`, `write`...) and how
 * many of how many items are done. Long commands show it on a terminal; everything else ignores it.
 */
export type ProgressListener = (stage: string, done: number, total: number) => void;
