/** The Jest global setup and teardown of every package, for a package whose own setup adds to them. */
export { default as templateSetup, releaseTemplate } from './global-setup';
