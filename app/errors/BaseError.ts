/**
 * The one root of every error the app throws (viem's BaseError shape): a short message for people, details
 * and the cause for logs, and a message key with its parameters that the UI translates into one sentence.
 *
 * This folder imports nothing, so every layer (the pure PKI engine included) may build on it. The message
 * keys are typed by registration, the pattern of wagmi's and TanStack's `Register`: the app's i18n module
 * declares its English catalogue here, and from then on a key that is not in the catalogue, or a missing
 * or misspelt parameter, is a type error. Without a registration (the engine on its own) a key is a string.
 */

/** Filled by declaration merging: `declare module '@/errors' { interface Register { messages: typeof en } }`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface for declaration merging
export interface Register {}

type Catalogue = Register extends { readonly messages: infer messages } ? messages : Readonly<Record<string, string>>;

/** A key of the registered English catalogue. */
export type MessageKey = Extract<keyof Catalogue, string>;

/** The `{name}` placeholders of a message template. */
export type Placeholders<template> = template extends `${string}{${infer name}}${infer rest}` ? name | Placeholders<rest> : never;

/** The parameters a key's sentence interpolates, by placeholder name. */
export type MessageParams<key extends MessageKey> = { readonly [name in Placeholders<Catalogue[key]>]: string | number };

/** Values as stored on an error, whatever its key. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** A key and, when its sentence has placeholders, its parameters (required then, absent otherwise). */
export type Message<key extends MessageKey = MessageKey> = key extends MessageKey
  ? [Placeholders<Catalogue[key]>] extends [never]
    ? { readonly messageKey: key; readonly params?: undefined }
    : { readonly messageKey: key; readonly params: MessageParams<key> }
  : never;

/** The keys whose sentence has no placeholder (a union of them needs no parameters). */
export type PlainMessageKey = { [key in MessageKey]: [Placeholders<Catalogue[key]>] extends [never] ? key : never }[MessageKey];

/** The sentence of another error, passed on unchanged (a wrapper that keeps what the person is told). */
export type ForwardedMessage = { readonly messageOf: BaseError };

/** What a caller may add to an error whose sentence is fixed: details for logs, and the cause. */
export type BaseErrorOptions = {
  readonly details?: string | undefined;
  readonly cause?: unknown;
};

export type BaseErrorParameters = (Message | { readonly messageKey: PlainMessageKey; readonly params?: undefined } | ForwardedMessage) & BaseErrorOptions;

export class BaseError extends Error {
  override name = 'BaseError';
  /** One English sentence for developers and logs; people see the translated `messageKey`. */
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly messageKey: MessageKey;
  readonly params: MessageValues;

  constructor(shortMessage: string, parameters: BaseErrorParameters) {
    const { details, cause } = parameters;
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause });
    this.shortMessage = shortMessage;
    this.details = details;
    const message = 'messageOf' in parameters ? parameters.messageOf : parameters;
    this.messageKey = message.messageKey;
    this.params = message.params ?? {};
  }
}

/** An error base whose subclasses name their own sentence (BaseError, PkiError, SignerError, FortifyError). */
export type ErrorBase = new (shortMessage: string, parameters: { readonly messageKey: PlainMessageKey } & BaseErrorOptions) => BaseError;

/**
 * A subclass of `Base` whose sentence never varies: its name, key and English sentence stated once, the
 * caller adding only details and the cause. Declared as `class X extends fixedMessageError(...) {}`, X
 * stays a class of its own (for instanceof and the samples of app/messages.test.ts). The name is given,
 * not read from the class, because a minifier renames classes.
 */
export function fixedMessageError(Base: ErrorBase, name: string, messageKey: PlainMessageKey, shortMessage: string) {
  return class extends Base {
    override readonly name: string = name;
    constructor(options: BaseErrorOptions = {}) {
      super(shortMessage, { messageKey, ...options });
    }
  };
}
