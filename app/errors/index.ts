export {
  BaseError,
  type BaseErrorOptions,
  type BaseErrorParameters,
  type ForwardedMessage,
  type Message,
  type MessageKey,
  type MessageParams,
  type MessageValues,
  type PlainMessageKey,
  type Placeholders,
  type Register,
} from './BaseError';
