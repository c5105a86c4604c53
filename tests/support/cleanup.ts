// Jest setup for the Node project: whatever a test file put under the temp dir goes when it ends.
import { removeTempDirs } from './temp';

afterAll(() => removeTempDirs());
