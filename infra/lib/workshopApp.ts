import { App, type AppProps } from 'aws-cdk-lib';

import { type WorkshopSettings, WorkshopStack } from './workshopStack';

export const DEFAULT_SETTINGS: WorkshopSettings = {
  siteOrigin: 'http://localhost:3000',
  sharedCluster: false,
  workshopName: 'emr-spark-workshop',
};

/** A stack name and tag value: starts with a letter, then letters, digits and dashes. */
const WORKSHOP_NAME = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;

type ContextReader = (key: string) => unknown;

/**
 * Reads the settings from CDK context (`-c siteOrigin=https://… -c sharedCluster=true
 * -c workshopName=…`), refusing values that would deploy something broken.
 */
export function readSettings(context: ContextReader): WorkshopSettings {
  const siteOrigin = String(context('siteOrigin') ?? DEFAULT_SETTINGS.siteOrigin);
  let url: URL;
  try {
    url = new URL(siteOrigin);
  } catch {
    throw new Error(
      `siteOrigin must be a URL like https://workshop.example.org, not "${siteOrigin}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`siteOrigin must be an http(s) URL, not "${siteOrigin}"`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(
      `siteOrigin is an origin (scheme, host and port) without a path, not "${siteOrigin}"`,
    );
  }

  // `-c sharedCluster=true` arrives as a string, cdk.json context as a boolean.
  const shared = context('sharedCluster') ?? DEFAULT_SETTINGS.sharedCluster;
  if (![true, false, 'true', 'false'].includes(shared as boolean | string)) {
    throw new Error(`sharedCluster must be true or false, not "${String(shared)}"`);
  }

  const workshopName = String(context('workshopName') ?? DEFAULT_SETTINGS.workshopName);
  if (!WORKSHOP_NAME.test(workshopName)) {
    throw new Error(
      `workshopName must start with a letter and hold only letters, digits and dashes (at most 63), not "${workshopName}"`,
    );
  }

  return {
    siteOrigin: url.origin,
    sharedCluster: shared === true || shared === 'true',
    workshopName,
  };
}

/** The CDK app: one workshop stack, named after the workshop. */
export function createWorkshopApp(props: AppProps = {}): App {
  const app = new App(props);
  const settings = readSettings((key) => app.node.tryGetContext(key));
  new WorkshopStack(app, 'Workshop', {
    stackName: settings.workshopName,
    description: `EMR + Spark workshop "${settings.workshopName}" for ${settings.siteOrigin}`,
    settings,
  });
  return app;
}
