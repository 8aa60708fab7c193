import 'reflect-metadata';
import { DivisionEntity } from './division.entity';
import { PartyEntity } from './party.entity';
import { StaffEntity } from './staff.entity';

export { DivisionEntity, PartyEntity, StaffEntity };
export const entities = [DivisionEntity, PartyEntity, StaffEntity];
