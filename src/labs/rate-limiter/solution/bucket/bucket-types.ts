export type * from '../../files/bucket-types';
