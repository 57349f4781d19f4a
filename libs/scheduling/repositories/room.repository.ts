import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf, SqlParams } from '@accord/core';
import { MediationRoomEntity } from '../entities/scheduling.entities';

const ROOM = columns(MediationRoomEntity, ['id', 'name', 'address', 'isActive', 'outletBranchId'] as const);
export type RoomRow = RowOf<typeof ROOM>;

/** A room's fields that change (retiring it is `isActive: false`). */
export type RoomChanges = Partial<Pick<RoomRow, 'name' | 'address' | 'isActive' | 'outletBranchId'>>;

/** The center's rooms at liaison stations. */
@Injectable()
export class RoomRepository {
  constructor(private readonly db: Database) {}

  /** Those still taking bookings first. */
  async list(centerId: string): Promise<RoomRow[]> {
    return (await this.db.manager.query(`SELECT ${ROOM.select()} FROM mediation_rooms WHERE center_id = $1 ORDER BY is_active DESC, name`, [centerId])) as RoomRow[];
  }

  async find(id: string, centerId: string): Promise<RoomRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${ROOM.select()} FROM mediation_rooms WHERE id = $1 AND center_id = $2`, [id, centerId])) as RoomRow[];
    return row;
  }

  async insert(centerId: string, room: { name: string; address: string; outletBranchId: string | null }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO mediation_rooms (center_id, name, address, outlet_branch_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [centerId, room.name, room.address, room.outletBranchId],
    )) as { id: string }[];
    return id;
  }

  async update(id: string, centerId: string, changes: RoomChanges): Promise<void> {
    const p = new SqlParams();
    const sets = (Object.keys(changes) as (keyof RoomChanges)[]).map((key) => `${ROOM.column(key)} = ${p.add(changes[key])}`);
    await this.db.manager.query(`UPDATE mediation_rooms SET ${sets.join(', ')}, updated_at = now() WHERE id = ${p.add(id)} AND center_id = ${p.add(centerId)}`, p.values);
  }

  /**
   * Whether the room takes bookings; undefined for none of the center's. FOR SHARE: a room being
   * retired at this instant waits for the booking, or the booking sees it retired.
   */
  async isActiveForBooking(id: string, centerId: string): Promise<boolean | undefined> {
    const [room] = (await this.db.manager.query(`SELECT is_active AS "isActive" FROM mediation_rooms WHERE id = $1 AND center_id = $2 FOR SHARE`, [id, centerId])) as {
      isActive: boolean;
    }[];
    return room?.isActive;
  }

  /** The address an invitation gives (RLS: the center's own rooms). */
  async address(id: string): Promise<string | undefined> {
    const [room] = (await this.db.manager.query(`SELECT address FROM mediation_rooms WHERE id = $1`, [id])) as { address: string }[];
    return room?.address;
  }
}
