#!/usr/bin/env node
/**
 * The instructor's CDK app. From the repository root:
 *   npx aws-cdk@latest deploy --app 'npx tsx infra/bin/workshop.ts' -c siteOrigin=https://…
 * (see infra/README.md). Synthesis needs no AWS account: the stack is environment-agnostic.
 */
import { createWorkshopApp } from '../lib/workshopApp';

createWorkshopApp().synth();
