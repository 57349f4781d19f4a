import { Injectable } from '@nestjs/common';
import { AuditService, Database } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import type { RoomDto, UpdateRoomDto } from '../dto/scheduling.dto';
import { RoomChanges, RoomRepository, RoomRow } from '../repositories/room.repository';
import { OutletNotMember, RoomInactive, RoomNameTaken, RoomNotFound } from '../scheduling.errors';

/** A room at a liaison station, with the bank outlet it sits at (when it does). */
export interface RoomView {
  id: string;
  name: string;
  address: string;
  isActive: boolean;
  outlet: { id: string; name: string | null; institutionId: string | null; institutionName: string | null } | null;
}

const roomNameTaken = (error: unknown) => {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'uq_mediation_rooms_center_name';
};

/** The center's rooms at liaison stations, where on-site sessions are booked. */
@Injectable()
export class RoomService {
  constructor(
    private readonly db: Database,
    private readonly rooms: RoomRepository,
    private readonly audit: AuditService,
    private readonly directory: DirectoryService,
  ) {}

  /** The center's rooms, those still taking bookings first. */
  async listRooms(): Promise<{ items: RoomView[] }> {
    return { items: await this.views(await this.rooms.list(this.centerId())) };
  }

  async addRoom(dto: RoomDto): Promise<RoomView> {
    const outlet = dto.outletId ? await this.memberOutlet(dto.outletId) : null;
    let id: string;
    try {
      id = await this.rooms.insert(this.centerId(), { name: dto.name, address: dto.address, outletBranchId: outlet?.id ?? null });
    } catch (error) {
      if (roomNameTaken(error)) throw RoomNameTaken();
      throw error;
    }
    await this.audit.record({ action: 'room.created', subjectType: 'room', subjectId: id, detail: { name: dto.name, outletId: outlet?.id ?? null } });
    return this.roomView(id);
  }

  /**
   * Renames, re-addresses, moves to another outlet (or none) or retires a room. A retired room
   * is no longer offered for new bookings; the sessions already booked in it keep it.
   */
  async updateRoom(id: string, dto: UpdateRoomDto): Promise<RoomView> {
    const before = await this.roomView(id);
    const changes: RoomChanges = {};
    const changed: Record<string, unknown> = {};
    if (dto.name !== undefined && dto.name !== before.name) changes.name = changed.name = dto.name;
    if (dto.address !== undefined && dto.address !== before.address) changes.address = changed.address = dto.address;
    if (dto.outletId !== undefined && dto.outletId !== (before.outlet?.id ?? null)) {
      changes.outletBranchId = changed.outletId = dto.outletId === null ? null : (await this.memberOutlet(dto.outletId)).id;
    }
    if (dto.isActive !== undefined && dto.isActive !== before.isActive) changes.isActive = changed.isActive = dto.isActive;
    if (!Object.keys(changes).length) return before;
    try {
      await this.rooms.update(id, this.centerId(), changes);
    } catch (error) {
      if (roomNameTaken(error)) throw RoomNameTaken();
      throw error;
    }
    const action = changed.isActive === false ? 'room.retired' : changed.isActive === true ? 'room.reopened' : 'room.updated';
    await this.audit.record({ action, subjectType: 'room', subjectId: id, detail: { name: before.name, ...changed } });
    return this.roomView(id);
  }

  /** A room of the center that still takes bookings: another center's is not found, a retired one refused. */
  async assertBookable(id: string): Promise<void> {
    const active = await this.rooms.isActiveForBooking(id, this.centerId());
    if (active === undefined) throw RoomNotFound();
    if (!active) throw RoomInactive();
  }

  /** Where an invitation says to come, for the rooms the caller may read. */
  address(id: string): Promise<string | undefined> {
    return this.rooms.address(id);
  }

  private async roomView(id: string): Promise<RoomView> {
    const row = await this.rooms.find(id, this.centerId());
    if (!row) throw RoomNotFound();
    return (await this.views([row]))[0];
  }

  /** The outlets' names in one look-up for the whole list. */
  private async views(rows: RoomRow[]): Promise<RoomView[]> {
    const outlets = await this.directory.branchLabels(rows.flatMap((r) => (r.outletBranchId ? [r.outletBranchId] : [])));
    return rows.map((r) => {
      const outlet = r.outletBranchId ? outlets.get(r.outletBranchId) : undefined;
      return {
        id: r.id,
        name: r.name,
        address: r.address,
        isActive: r.isActive,
        outlet: r.outletBranchId
          ? { id: r.outletBranchId, name: outlet?.name ?? null, institutionId: outlet?.institutionId ?? null, institutionName: outlet?.institutionName ?? null }
          : null,
      };
    });
  }

  /** A room sits at an outlet of one of the center's member institutions, or at none. */
  private async memberOutlet(branchId: string) {
    const outlet = await this.directory.memberBranch(this.centerId(), branchId);
    if (!outlet) throw OutletNotMember();
    return outlet;
  }

  private centerId(): string {
    return this.db.scope.organisationId!;
  }
}
