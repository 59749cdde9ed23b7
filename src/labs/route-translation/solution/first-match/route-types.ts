export type * from '../../files/route-types';
