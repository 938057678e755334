import { stopTestServices } from './test-services.global-setup';

export default stopTestServices;
