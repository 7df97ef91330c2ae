import { channelOf, DeliveryError, type MailerPort, type ReminderChannelPort, type StoredReminder } from '@app/domain';
import type { RobotPoster } from './robot-poster';

/**
 * Every channel behind the domain's one port: a stored reminder goes out by mail (libs/mail's
 * transport) or to its group robot (this lib's adapters), as its channel says.
 */
export class ReminderChannels implements ReminderChannelPort {
  constructor(
    private readonly mailer: MailerPort,
    private readonly robots: Pick<RobotPoster, 'post'>,
  ) {}

  async deliver(r: StoredReminder): Promise<void> {
    if (channelOf(r) === 'mail') return this.mailer.send(r.mail);
    if (!r.robot) throw new DeliveryError('群机器人消息缺失', true);
    return this.robots.post(r.robot);
  }
}
