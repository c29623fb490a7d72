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
};
