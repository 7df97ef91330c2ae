import { Module } from '@nestjs/common';
import { TasksController } from './tasks.controller';
import { MyTasks } from './tasks.query';

/** The to-do list (我的待办), the dashboard's landing page. */
@Module({ controllers: [TasksController], providers: [MyTasks] })
export class TasksModule {}
