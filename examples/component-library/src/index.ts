export { Counter } from './Counter';
export { DateLabel, type DateLabelProps } from './DateLabel';
export { TodoList, type Todo } from './TodoList';
