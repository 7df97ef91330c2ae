export * from './protocol';
export * from './wecom';
export * from './dingtalk';
export * from './feishu';
export * from './robot-poster';
export * from './reminder-channels';
