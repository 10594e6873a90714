// What a chain may tune about its orders (tenant settings), with the defaults that apply when it
// has not: an online or delivery order holds its stock for 15 minutes unless the chain says otherwise.
export const ORDER_HOLD_MINUTES_DEFAULT = 15;

export const holdMinutesOf = (settings: { orderHoldMinutes?: number } | undefined): number => settings?.orderHoldMinutes ?? ORDER_HOLD_MINUTES_DEFAULT;
