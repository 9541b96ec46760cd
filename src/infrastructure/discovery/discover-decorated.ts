import type { DiscoveryService } from '@nestjs/core';

/** Every provider instance whose class carries metadata `key`, with that metadata. */
export function discoverDecorated<TOptions, TInstance>(
  discovery: DiscoveryService,
  key: string,
): { options: TOptions; instance: TInstance }[] {
  return discovery.getProviders().flatMap((wrapper) => {
    const metatype = wrapper.metatype;
    const instance: unknown = wrapper.instance;
    if (!metatype || !instance) return [];
    const options = Reflect.getMetadata(key, metatype) as TOptions | undefined;
    return options ? [{ options, instance: instance as TInstance }] : [];
  });
}
