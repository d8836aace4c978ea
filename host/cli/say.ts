export { say } from '../../node/cli';
