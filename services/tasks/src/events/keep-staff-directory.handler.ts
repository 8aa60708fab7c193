import { defineHandler, sqlExec } from '@zhiyuan/db';
import { takesUnassignedTasks } from '../domain/routing';

/**
 * Staff roles, divisions and phones: who the village secretary and the township liaison are. A
 * newly known secretary or liaison also takes the automatic tasks of their division that nobody holds
 * yet; a deactivated account gives its open tasks back.
 */
export const keepStaffDirectory = defineHandler({
  name: 'keep-staff-directory',
  subject: 'people.staff.*',
  handle: async ({ payload }, m) => {
    const s = payload as {
      staffId: string;
      name: string;
      roles: string[];
      divisionCode: string | null;
      phone: string | null;
      department: string | null;
      active: boolean;
    };
    await sqlExec(
      m,
      `INSERT INTO tasks.staff_ref (staff_id, name, roles, division_code, phone, department, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (staff_id) DO UPDATE SET name = EXCLUDED.name, roles = EXCLUDED.roles, division_code = EXCLUDED.division_code,
         phone = EXCLUDED.phone, department = EXCLUDED.department, active = EXCLUDED.active, updated_at = now()`,
      [s.staffId, s.name, s.roles, s.divisionCode, s.phone, s.department, s.active],
    );
    if (!s.active) {
      // A deactivated account holds nothing: its open tasks wait for the next holder of the role.
      await sqlExec(
        m,
        `UPDATE tasks.task SET assignee_id = NULL, updated_at = now() WHERE assignee_id = $1 AND status IN ('OPEN', 'IN_PROGRESS')`,
        [s.staffId],
      );
      return;
    }
    if (takesUnassignedTasks(s)) {
      await sqlExec(
        m,
        `UPDATE tasks.task SET assignee_id = $1, updated_at = now()
         WHERE division_code = $2 AND assignee_id IS NULL AND origin = 'AUTO' AND status IN ('OPEN', 'IN_PROGRESS')`,
        [s.staffId, s.divisionCode],
      );
    }
  },
});
