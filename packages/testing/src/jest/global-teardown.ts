import { releaseTemplate } from './global-setup';

export default releaseTemplate;
