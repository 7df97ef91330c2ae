import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Contact } from '@app/domain';

/** A contact as stored (JSON): an e-mail, a group robot's webhook, or both. */
export type ContactRecord = Contact;

/** A district or county (区县), or a zone acting as one, with the contacts reminders go to. */
@Entity({ name: 'districts' })
export class DistrictEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'simple-json' })
  contacts: ContactRecord[];

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
