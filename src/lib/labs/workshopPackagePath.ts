/** Where the site serves `workshop.zip`, the labs' shared package (see workshopPackage.ts). */
export const WORKSHOP_PACKAGE_PATH = '/lab-packs/workshop.zip';
