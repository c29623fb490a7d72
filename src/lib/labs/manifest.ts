/**
 * A lab's manifest (`labs/<id>/lab.json`): what the lab is and how it runs. The pages import
 * the manifests themselves, so the commands they show come from the same file the runner reads.
 */
export type LabManifest = {
  id: string;
  title: string;
  /** The script `spark-submit` runs, in the lab's folder. */
  entry: string;
  /** The files a learner edits (the tabs of the editor). */
  files: string[];
  estimated_minutes: number;
  /** The workshop's flow: `{work}` is the learner's working location. */
  default_args: string[];
  /** The lab on the committed sample data: the sample result the page shows at first. */
  sample_args: string[];
  /**
   * What the page's Run uses when it differs from `sample_args`: lab 3 runs a live stream, fed
   * by the device simulator, that the page follows micro-batch by micro-batch and can stop.
   */
  page_args?: string[];
  /** The learner exercises: what to do, what to see after, and the solution as exact edits. */
  exercises?: LabExercise[];
};

/** One edit of a solution: replace `find` (in `file` exactly once) with `replace`. */
export type SolutionEdit = { file: string; find: string; replace: string };

/**
 * A learner exercise of a lab. Its checks are the manifest's checks with the same `exercise`
 * number; the labs' tests apply `solution` to the lab's files and prove those checks pass.
 */
export type LabExercise = {
  number: number;
  title: string;
  task: string;
  /** What the learner should see after the right change. */
  expect: string;
  solution: SolutionEdit[];
};

/** The anchor of exercise `number` on its lab's page (the viewer's checks link to it). */
export const exerciseAnchor = (number: number): string => `exercise-${number}`;
