/**
 * The worksheets that sit far down their page, each a chunk of its own loaded when it comes
 * into view (see InView’s `deferred`): step 2e’s pieces, step 3’s architecture board and the
 * worksheet’s export and import.
 */
import { deferred } from '@site/src/components/InView';

export const LegoPiecesWorksheet = deferred(
  () => import('@site/src/components/WorksheetLegoPieces'),
  { minHeight: '40rem', label: 'the LEGO pieces worksheet' },
);

export const ArchitectureBoardWorksheet = deferred(
  () => import('@site/src/components/WorksheetArchitectureBoard'),
  { minHeight: '40rem', label: 'the architecture board' },
);

export const WorksheetTransferPanel = deferred(
  () => import('@site/src/components/WorksheetTransfer'),
  { minHeight: '12rem', label: 'the worksheet’s export and import' },
);
