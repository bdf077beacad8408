import { type Hex, hexToString, stringToHex } from 'viem';

/** An ISO 3166-1 alpha-2 code as the contracts store it (bytes2). */
export function countryToBytes2(country: string): Hex {
  if (!/^[A-Z]{2}$/.test(country)) throw new RangeError(`"${country}" is not an ISO 3166-1 alpha-2 code such as BR or CN.`);
  return stringToHex(country, { size: 2 });
}

export function bytes2ToCountry(value: Hex): string {
  return hexToString(value, { size: 2 });
}
