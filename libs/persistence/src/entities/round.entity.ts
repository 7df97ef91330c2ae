import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ContactRecord } from './district.entity';

/** A cultivation round (培育批次): its calendar and policies. The round workflow is the authority. */
@Entity({ name: 'rounds' })
export class RoundEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  programme: string;

  /** deadline key → ISO instant */
  @Column({ type: 'simple-json' })
  deadlines: Record<string, string>;

  @Column({ name: 'service_cutoff', type: 'varchar', length: 10 })
  serviceCutoff: string;

  @Column({ type: 'simple-json' })
  reminders: unknown;

  @Column({ name: 'city_contacts', type: 'simple-json' })
  cityContacts: ContactRecord[];

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 100 })
  workflowId: string;

  @Column({ type: 'integer', default: 0 })
  version: number;

  /** the round workflow's state as last projected (changes, escalations, publication, …) */
  @Column({ type: 'simple-json' })
  state: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
