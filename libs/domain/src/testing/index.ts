export * from './star-rating-sheets';
