import type { ProjectionSettings } from '../projection/settings';
import { projectFact } from './project-fact';

/** A village enforcement meeting counts with its invited, attended and paid figures. */
export const countEnforcementMeetingAttendance = (s: ProjectionSettings) => projectFact('count-enforcement-meeting-attendance', 'tasks.meeting.held', s);
