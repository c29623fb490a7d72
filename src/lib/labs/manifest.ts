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
  /** The lab on the committed sample data: what the page's Run and the sample result use. */
  sample_args: string[];
};
