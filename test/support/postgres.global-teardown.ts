import { stopTestPostgres } from './postgres.global-setup';

export default stopTestPostgres;
